// Command ferretdb-launcher starts FerretDB v1 with its SQLite backend on a
// loopback address. The upstream `go install` binary panics without its
// generated version file, so the project embeds FerretDB as a library.
// It also gives every collection an _id index SQLite can use (idindex.go), and makes
// updates atomic per collection as MongoDB's are (serialize.go): clients connect to the
// launcher, which passes their messages on to FerretDB over a private Unix socket.
package main

import (
	"context"
	"flag"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "", "directory for the SQLite files (created if missing)")
	flag.Parse()
	if *dataDir == "" {
		log.Fatal("-data is required")
	}
	abs, err := filepath.Abs(*dataDir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		log.Fatal(err)
	}
	socket := filepath.Join(abs, ".ferretdb.sock")
	_ = os.Remove(socket) // left by a killed launcher
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go newIDIndexer(abs).run(ctx, time.Second)
	front, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		<-ctx.Done()
		_ = front.Close()
	}()
	go func() {
		if err := (&serialProxy{backend: socket}).serve(front); err != nil {
			log.Fatal(err)
		}
	}()
	log.Printf("ferretdb listening on %s, data in %s", *listen, abs)
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
