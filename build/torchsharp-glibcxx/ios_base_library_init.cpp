// GCC 13 moved the start-up of the standard streams into libstdc++ and made every object that
// includes <iostream> call std::ios_base_library_init() (versioned GLIBCXX_3.4.32). Older
// libstdc++ (GCC 12, Debian 12) initialises the streams itself and lacks the symbol, so a
// library built with GCC 13+ refuses to load there. Providing the symbol is enough: all it has
// to guarantee is that one std::ios_base::Init object exists, which also makes cout and friends
// usable from the patched library.
#include <ios>

namespace std
{
    __attribute__((visibility("default"))) void ios_base_library_init()
    {
        static ios_base::Init init;
    }
}
