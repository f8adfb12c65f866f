/* #if arithmetic: 64-bit intmax_t/uintmax_t exactly, unsigned rules, shifts, chars, short-circuit. */
#define CHECK(n) ok_##n
#if 0x7fffffffffffffff + 0 == 9223372036854775807
CHECK(1)
#endif
#if -1 < 0u
#else
CHECK(2) /* -1 converts to uintmax_t */
#endif
#if 18446744073709551615u == -1
CHECK(3)
#endif
#if (0xffffffffffffffff >> 63) == 1 && (-1 >> 63) == -1 && (-1 >> 1) == -1
CHECK(4)
#endif
#if (1 << 63) < 0 && (1u << 63) > 0 && 1 << 62 == 0x4000000000000000
CHECK(5)
#endif
#if 'a' == 97 && '\n' == 10 && '\377' == -1 && '\x41' == 'A' && '\0' == 0 && '\\' == 92
CHECK(6)
#endif
#if (2 || 1 / 0) && !(0 && 1 / 0) && (1 ? 2 : 1 / 0) == 2 && (0 ? 1 / 0 : 3) == 3
CHECK(7)
#endif
#if -9223372036854775807 - 1 < 0 && 9223372036854775807 / -1 == -9223372036854775807
CHECK(8)
#endif
#if (7 / 2 == 3) && (-7 / 2 == -3) && (-7 % 2 == -1) && (7 % -2 == 1)
CHECK(9)
#endif
#if ~0 == -1 && ~0u == 0xffffffffffffffff && !0 == 1 && - - 1 == 1 && +3 == 3
CHECK(10)
#endif
#if (1 ? -1 : 0u) > 0
CHECK(11) /* the unsigned branch makes the result unsigned */
#endif
#if UNDEFINED == 0 && !defined UNDEFINED && !defined(UNDEFINED) && defined CHECK && defined ( CHECK )
CHECK(12)
#endif
#define ZERO 0
#define EXPR (ZERO + 2) * 3
#if EXPR == 6 && (EXPR) % 4 == 2
CHECK(13)
#endif
#if 0x10 == 16 && 010 == 8 && 0b101 == 5 && 10ULL == 10 && 10l == 10 && 10LL == 10 && 0XaBu == 171
CHECK(14)
#endif
#if (1, 2) == 2
CHECK(15)
#endif
#if 3 > 2 > 1
#else
CHECK(16)
#endif
#if (5 & 3) == 1 && (5 | 3) == 7 && (5 ^ 3) == 6 && 1 != 2 && 2 >= 2 && 2 <= 3
CHECK(17)
#endif
#if 1 << 64 == 0 || 1
CHECK(18)
#endif
#if __INT_MAX__ == 2147483647 && __LONG_MAX__ == 9223372036854775807 && __SIZEOF_POINTER__ == 8
CHECK(19)
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__x86_64__) && !defined __CHAR_UNSIGNED__
CHECK(20)
#endif
#if __GNUC__ > 4 || (__GNUC__ == 4 && __GNUC_MINOR__ >= 9)
CHECK(21)
#endif
#define IS_ENABLED(x) (x + 0)
#if IS_ENABLED(CONFIG_FOO) || IS_ENABLED(1)
CHECK(22)
#endif
#if 4 >> -1 == 8 && 4 << -1 == 2
CHECK(23)
#endif
#if 0xffffffffffffffff / 2 == 0x7fffffffffffffff && 0xffffffffffffffff % 10 == 5
CHECK(24)
#endif
#if (0 ? 1 : 2) == 2 && (1 ? 0 ? 3 : 4 : 5) == 4
CHECK(25)
#endif
