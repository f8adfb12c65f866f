int from_current_dir;
