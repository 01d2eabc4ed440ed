// Placeholder so the project builds before its adapters land; removed once a type exists.
