package main

// An _id index that SQLite can use.
//
// FerretDB v1 with SQLite finds, updates and deletes a document by its _id with
// `WHERE _ferretdb_sjson->'$._id' = ?`, but it creates its (unique) _id index on
// `_ferretdb_sjson->"_id"`. SQLite uses an expression index only when the query spells
// the expression the same way, so every lookup by _id read the whole table: 13 ms for a
// 5,000-document collection instead of 0.5 ms, growing with every stored document.
//
// The launcher therefore adds to every collection table a plain index on the expression
// FerretDB's queries use, named <table>_c360_id. It sweeps the data directory every
// second, so a new collection has it within a second; uniqueness is still enforced by
// FerretDB's own index. FerretDB does not know this index (it is not in its metadata), so
// clients never see it; dropping a collection drops the table and its indexes with it.

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB itself uses
)

const idIndexSuffix = "_c360_id"

type openFile struct {
	db   *sql.DB
	info os.FileInfo
}

type idIndexer struct {
	dir   string
	files map[string]openFile
}

func newIDIndexer(dir string) *idIndexer {
	return &idIndexer{dir: dir, files: map[string]openFile{}}
}

// run sweeps until ctx is done.
func (x *idIndexer) run(ctx context.Context, every time.Duration) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		x.sweep(ctx)
		select {
		case <-ctx.Done():
			for path := range x.files {
				x.forget(path)
			}
			return
		case <-ticker.C:
		}
	}
}

func (x *idIndexer) sweep(ctx context.Context) {
	paths, err := filepath.Glob(filepath.Join(x.dir, "*.sqlite"))
	if err != nil {
		return
	}
	present := map[string]bool{}
	for _, path := range paths {
		present[path] = true
		created, err := x.indexFile(ctx, path)
		if err != nil && !strings.Contains(err.Error(), "no such table") && ctx.Err() == nil {
			log.Printf("id index: %s: %v", filepath.Base(path), err)
		}
		if created > 0 {
			log.Printf("id index: %s: %d collection(s) indexed", filepath.Base(path), created)
		}
	}
	for path := range x.files {
		if !present[path] {
			x.forget(path) // database dropped
		}
	}
}

// handle returns a connection to the file, reopened when the file was replaced
// (a database dropped and created again under the same name).
func (x *idIndexer) handle(path string) (*sql.DB, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if known, ok := x.files[path]; ok {
		if os.SameFile(known.info, info) {
			return known.db, nil
		}
		x.forget(path)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	x.files[path] = openFile{db: db, info: info}
	return db, nil
}

func (x *idIndexer) forget(path string) {
	if known, ok := x.files[path]; ok {
		_ = known.db.Close()
		delete(x.files, path)
	}
}

// indexFile adds the index to every collection table of one database that lacks it.
func (x *idIndexer) indexFile(ctx context.Context, path string) (int, error) {
	db, err := x.handle(path)
	if err != nil {
		return 0, err
	}
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || ?)`,
		idIndexSuffix)
	if err != nil {
		return 0, err
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			_ = rows.Close()
			return 0, err
		}
		tables = append(tables, table)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	created := 0
	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+idIndexSuffix, table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			if strings.Contains(err.Error(), "no such table") {
				continue // dropped since it was listed
			}
			return created, err
		}
		created++
	}
	return created, nil
}
