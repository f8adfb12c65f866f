int y;
enum e { A = y };
