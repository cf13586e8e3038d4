#include "cli/cli.h"

#include <exception>
#include <optional>
#include <sstream>

#include "cli/common.h"
#include "common/terminal_text.h"

namespace dealgraph {

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  // Data shown to a person never acts on the terminal: the diagnostics
  // (file names, entity names, store messages) always, the output when it
  // goes to a terminal (a pipe or -o gets JSON Lines and CSV exact).
  EscapingStream err_text(err);
  std::optional<EscapingStream> out_text;
  if (IsTerminal(out)) out_text.emplace(out);
  try {
    CLI::App app{"dealgraph: SEC Form 8-K filings -> a knowledge graph of partners, agreements and events"};
    app.name("dealgraph");
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("dealgraph ") + DEALGRAPH_VERSION);
    // A malformed command line says what is wrong, then the command's usage
    // line ("Usage: dealgraph history [OPTIONS] A [B]").
    app.failure_message([](const CLI::App* a, const CLI::Error& e) {
      std::string usage;
      std::istringstream help(a->help());
      for (std::string line; std::getline(help, line);) {
        if (line.rfind("Usage:", 0) == 0) {
          usage = line;
          break;
        }
      }
      std::string msg = "dealgraph: " + std::string(e.what()) + "\n";
      if (!usage.empty()) msg += usage + "\n";
      return msg + "Run with --help for more information.\n";
    });
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
