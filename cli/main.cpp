// dealgraph: the command-line entry point. All the work is in RunCli.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) { return dealgraph::RunCli(argc, argv, std::cout, std::cerr); }
