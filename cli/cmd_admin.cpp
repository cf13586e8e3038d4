// dealgraph check / backup / restore: placeholder until store upkeep lands.
#include "cli/common.h"

namespace dealgraph {

void SetupAdmin(CLI::App&, std::ostream&, std::ostream&, Runner*) {}

}  // namespace dealgraph
