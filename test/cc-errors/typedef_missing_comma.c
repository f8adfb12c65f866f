typedef int a b;
