/* #include: quote and angle search, guards, #pragma once, computed includes, __has_include. */
#include "guard.h"
#include "guard.h"
#include <guard.h>
#include "once.h"
#include "once.h"
#define TWICE_BODY body
#include "twice.h"
#include "twice.h"
#include "local.h"
#include <local.h>
#include "sub/inner.h"
#define HEADER "guard.h"
#include HEADER
#define ANGLE <local.h>
#include ANGLE
#define STR(x) #x
#define XSTR(x) STR(x)
#include XSTR(sub/sibling.h)
#include <next.h>
#if __has_include("local.h") && __has_include(<sub/inner.h>) && !__has_include("missing.h")
has_include_ok
#endif
#ifdef __has_include
has_include_defined
#endif
const char *f = __FILE__;
int level = __INCLUDE_LEVEL__;
