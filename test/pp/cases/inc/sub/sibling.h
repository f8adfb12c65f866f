int sibling = __INCLUDE_LEVEL__;
