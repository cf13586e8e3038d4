// The command line, callable in-process (tests call RunCli directly).
#ifndef DEALGRAPH_CLI_CLI_H_
#define DEALGRAPH_CLI_CLI_H_

#include <ostream>

namespace dealgraph {

// Parses argv, runs one subcommand, writes to `out` / `err`; returns the
// process exit status (0 ok, 1 some input failed or nothing found, 2 usage).
int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace dealgraph

#endif  // DEALGRAPH_CLI_CLI_H_
