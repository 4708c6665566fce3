package mailgate

import "os"

func readDir(dir string) ([]os.DirEntry, error) { return os.ReadDir(dir) }
