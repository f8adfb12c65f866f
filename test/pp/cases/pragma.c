/* #pragma lines pass through (except once/system_header), _Pragma becomes a #pragma line. */
#pragma pack(push, 1)
struct s { char c; int i; };
#pragma pack(pop)
#pragma GCC diagnostic ignored "-Wunused"
#define DO_PRAGMA(x) _Pragma(#x)
DO_PRAGMA(weak foo)
int after;
#define X 1
#pragma push_macro("X")
#undef X
#define X 2
int two = X;
#pragma pop_macro("X")
int one = X;
#ident "version 1"
