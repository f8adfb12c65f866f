/* Lines starting with # that are no directives pass through in assembly (gcc indents some). */
# first
foo
# 42 "x.S"
bar
#define M m
M
# 43 "y.S"
# comment after
	M
# z
#define E
E
# 44 "after-empty.S"
