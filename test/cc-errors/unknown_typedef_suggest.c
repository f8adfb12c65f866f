typedef unsigned long size_t;
size_tt n;
