#include "cli/cli.h"

#include <exception>

#include "cli/common.h"

namespace dealgraph {

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  try {
    CLI::App app{"dealgraph: SEC Form 8-K filings -> a knowledge graph of partners, agreements and events"};
    app.name("dealgraph");
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("dealgraph ") + DEALGRAPH_VERSION);
    Runner run;
    SetupIngest(app, out, err, &run);
    SetupQueries(app, out, err, &run);
    SetupExport(app, out, err, &run);
    SetupEval(app, out, err, &run);
    SetupNetwork(app, out, err, &run);
    SetupInspect(app, out, err, &run);
    SetupAsk(app, out, err, &run);
    SetupReport(app, out, err, &run);
    SetupAdmin(app, out, err, &run);
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e, out, err);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e, out, err);
    } catch (const CLI::ParseError& e) {
      app.exit(e, out, err);
      return kExitUsage;
    }
    return run ? run() : kExitUsage;
  } catch (const std::exception& e) {
    err << "dealgraph: internal error: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace dealgraph
