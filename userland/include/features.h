/* features.h — nothing to select: kwb's libc offers one set of interfaces whatever _GNU_SOURCE says. */
#ifndef _FEATURES_H
#define _FEATURES_H
#endif
