// dealgraph report: placeholder until the HTML report lands.
#include "cli/common.h"

namespace dealgraph {

void SetupReport(CLI::App&, std::ostream&, std::ostream&, Runner*) {}

}  // namespace dealgraph
