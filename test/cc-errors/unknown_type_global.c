bar g;
