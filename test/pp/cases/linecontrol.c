/* #line and GNU linemarkers change __LINE__ and __FILE__. */
int a = __LINE__;
#line 100
int b = __LINE__;
#line 200 "renamed.c"
int c = __LINE__; const char *f = __FILE__;
#define LINE_NO 300
#line LINE_NO
int d = __LINE__;
# 400 "marker.c"
int e = __LINE__; const char *g = __FILE__;
