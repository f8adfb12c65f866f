struct p { int x; };
int f(struct p *q)
{
	return q.x;
}
