int f(int x)
{
	case 1: return 0;
}
