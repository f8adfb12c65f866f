int twice_ ## __INCLUDE_LEVEL__;
TWICE_BODY
