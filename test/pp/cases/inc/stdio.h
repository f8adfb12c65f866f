/* A stand-in for the libc header, so the case needs no system headers. */
int printf(const char *fmt, ...);
