/* Builtin macros: __FILE__ __LINE__ __COUNTER__ __BASE_FILE__ __INCLUDE_LEVEL__ (and the predefined set). */
const char *file = __FILE__, *base = __BASE_FILE__;
int line = __LINE__;
int level = __INCLUDE_LEVEL__;
int c0 = __COUNTER__, c1 = __COUNTER__, c2 = __COUNTER__;
#define HERE __LINE__
#define AT(x) x __LINE__
int here = HERE;
int at = AT(
  __LINE__
);
#define CAT(a, b) a ## b
#define UNIQUE(p) CAT(p, __COUNTER__)
int UNIQUE(tmp_), UNIQUE(tmp_);
#define STR(x) #x
#define XSTR(x) STR(x)
const char *l = XSTR(__LINE__);
__x86_64__ __x86_64 __amd64__ __linux__ __linux __gnu_linux__ __unix__ __unix __ELF__ __STDC__
__STDC_VERSION__ __STDC_HOSTED__ __GNUC__ __GNUC_MINOR__ __GNUC_PATCHLEVEL__ __VERSION__
__CHAR_BIT__ __SIZEOF_INT__ __SIZEOF_LONG__ __SIZEOF_LONG_LONG__ __SIZEOF_SHORT__ __SIZEOF_POINTER__
__SIZEOF_SIZE_T__ __LP64__ _LP64 __INT_MAX__ __LONG_MAX__ __SCHAR_MAX__ __SHRT_MAX__ __LONG_LONG_MAX__
__SIZE_TYPE__ __PTRDIFF_TYPE__ __WCHAR_TYPE__ __INTPTR_TYPE__ __UINTPTR_TYPE__ __INT64_TYPE__
__ORDER_LITTLE_ENDIAN__ __ORDER_BIG_ENDIAN__ __BYTE_ORDER__ __CHAR_UNSIGNED__ __OPTIMIZE__ __NO_INLINE__
__INT64_C(5) __UINT64_C(5) __UINT32_C(7) __INTMAX_C(1)
