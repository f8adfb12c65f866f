int from_inc_dir;
