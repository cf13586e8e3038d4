// dealgraph inspect FILE: how a filing is read and segmented (for users
// checking why a fact was or was not extracted).
#include <fstream>
#include <sstream>

#include "cli/common.h"
#include "ingest/reader.h"
#include "ingest/segment.h"

namespace dealgraph {

void SetupInspect(CLI::App& app, std::ostream& out, std::ostream& err, Runner* run) {
  auto path = std::make_shared<std::string>();
  auto common = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("inspect", "show how one filing is read: header, cover facts, blocks by Item");
  sub->add_option("file", *path, "a filing")->required();
  AddDbOption(sub, common.get());  // accepted like everywhere; inspect does not open the store
  sub->callback([path, &out, &err, run] {
    *run = [path, &out, &err]() -> int {
      std::ifstream in(*path, std::ios::binary);
      if (!in) {
        err << "dealgraph: " << *path << ": cannot open file\n";
        return kExitFailure;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      Result<Document> doc = ReadFiling(*path, ss.str());
      if (!doc.ok()) {
        err << "dealgraph: " << *path << ": " << doc.status().message() << "\n";
        return kExitFailure;
      }
      const FilingHeader& h = doc->header;
      out << "accession: " << h.accession << "\nform: " << h.form << "\nfiled: " << h.filed << "\nperiod: " << h.period << "\nitems:";
      for (const std::string& i : h.items) out << " " << i;
      out << "\n";
      for (const HeaderCompany& c : h.filers) out << "filer: " << c.name << " (CIK " << c.cik << ", FYE " << c.fiscal_year_end << ")\n";
      Segmented seg = Segment(*doc);
      out << "cover: registrant=" << seg.cover.registrant << " event_date=" << seg.cover.event_date.Iso()
          << " dateline=" << seg.cover.dateline.Iso() << "\n";
      static const char* kSections[] = {"cover", "body", "sign", "exhibit"};
      for (const Block& b : seg.blocks) {
        out << "[" << kSections[static_cast<int>(b.section)] << " " << (b.item.empty() ? "-" : b.item)
            << (b.heading ? " H" : "") << (b.table_row ? " T" : "") << (b.boilerplate ? " B" : "") << "] " << b.text << "\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace dealgraph
