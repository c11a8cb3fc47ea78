// Excel provides CustomFunctions at run time; under jest the functions need the same stand-in
// the command line installs outside Excel, so both see one shape.
import { installCustomFunctionsGlobal } from "../../src/cli/custom-functions-global";

installCustomFunctionsGlobal();
