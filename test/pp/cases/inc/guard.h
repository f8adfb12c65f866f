/* An include guard: the second #include of this file reads nothing. */
#ifndef GUARD_H
#define GUARD_H
int guarded;
#endif /* GUARD_H */
