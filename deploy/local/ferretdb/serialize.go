package main

// Read-modify-write commands made atomic per collection.
//
// FerretDB v1 applies an update (and findAndModify) in two steps: it reads the matching
// documents, applies the operators in Go, then writes the documents back whole in a
// separate SQLite transaction. Two updates of the same document at once therefore lose
// one of them: eight threads each sending 100 `$inc` to one document kept 131 of the 800
// increments. MongoDB applies each update atomically, and Cadre360 relies on that (an
// event `$push`ed into the outbox of a document while the relay `$pull`s a published one,
// an inbox's `$push` and `$pull`, a roster row `$set` per cadre).
//
// The launcher therefore serves clients itself and passes each message on to FerretDB
// over a private Unix socket, one request and its reply at a time per connection, as
// MongoDB drivers use a connection. Commands that read and then rewrite documents
// (update, findAndModify) hold a lock for their collection from the request until the
// reply, so they run one after another per collection; everything else (reads, inserts,
// deletes, other collections) flows as before. SQLite serialises writers anyway, so the
// lock costs little beyond holding the update's own read.

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
)

const (
	opMsg          = 2013
	maxMessage     = 48 * 1024 * 1024 // MongoDB's maxMessageSizeBytes
	flagMoreToCome = 1 << 1
)

// lockedCommands rewrite documents after reading them.
var lockedCommands = map[string]bool{"update": true, "findAndModify": true, "findandmodify": true}

type collectionLocks struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func (c *collectionLocks) get(name string) *sync.Mutex {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.locks == nil {
		c.locks = map[string]*sync.Mutex{}
	}
	l, ok := c.locks[name]
	if !ok {
		l = &sync.Mutex{}
		c.locks[name] = l
	}
	return l
}

// readMessage reads one whole wire message (header included).
func readMessage(r *bufio.Reader) ([]byte, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, err
	}
	size := int(int32(binary.LittleEndian.Uint32(head[:])))
	if size < 16 || size > maxMessage {
		return nil, fmt.Errorf("bad message length %d", size)
	}
	msg := make([]byte, size)
	copy(msg, head[:])
	if _, err := io.ReadFull(r, msg[4:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// lockKey returns the collection a read-modify-write OP_MSG command names, or "".
// The body section (kind 0) is a BSON document whose first element is the command,
// whose value is the collection name.
func lockKey(msg []byte) (key string, moreToCome bool) {
	if len(msg) < 21 || int32(binary.LittleEndian.Uint32(msg[12:16])) != opMsg {
		return "", false
	}
	flags := binary.LittleEndian.Uint32(msg[16:20])
	moreToCome = flags&flagMoreToCome != 0
	end := len(msg)
	if flags&1 != 0 { // checksumPresent
		end -= 4
	}
	for pos := 20; pos < end; {
		kind := msg[pos]
		pos++
		if pos+4 > end {
			return "", moreToCome
		}
		size := int(int32(binary.LittleEndian.Uint32(msg[pos : pos+4])))
		if size < 5 || pos+size > end {
			return "", moreToCome
		}
		if kind == 0 {
			return commandCollection(msg[pos : pos+size]), moreToCome
		}
		pos += size // a document sequence (kind 1): its size covers it
	}
	return "", moreToCome
}

// commandCollection reads the first element of a BSON document: a string-valued
// locked command gives its collection name.
func commandCollection(doc []byte) string {
	if len(doc) < 7 || doc[4] != 0x02 { // first element must be a string
		return ""
	}
	i := 5
	for i < len(doc) && doc[i] != 0 {
		i++
	}
	if i+5 > len(doc) {
		return ""
	}
	name := string(doc[5:i])
	if !lockedCommands[name] {
		return ""
	}
	n := int(int32(binary.LittleEndian.Uint32(doc[i+1 : i+5])))
	if n < 1 || i+5+n > len(doc) {
		return ""
	}
	return string(doc[i+5 : i+5+n-1])
}

type serialProxy struct {
	backend string // FerretDB's Unix socket
	locks   collectionLocks
}

func (p *serialProxy) serve(l net.Listener) error {
	for {
		client, err := l.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go p.handle(client)
	}
}

func (p *serialProxy) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("unix", p.backend)
	if err != nil {
		log.Printf("serialise: cannot reach FerretDB: %v", err)
		return
	}
	defer server.Close()
	fromClient, fromServer := bufio.NewReaderSize(client, 64<<10), bufio.NewReaderSize(server, 64<<10)
	for {
		request, err := readMessage(fromClient)
		if err != nil {
			return // client went away (or sent garbage: MongoDB would close too)
		}
		key, oneWay := lockKey(request)
		var lock *sync.Mutex
		if key != "" {
			lock = p.locks.get(key)
			lock.Lock()
		}
		err = p.exchange(request, oneWay, server, fromServer, client)
		if lock != nil {
			lock.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// exchange forwards one request and, unless it expects none, its one reply.
func (p *serialProxy) exchange(request []byte, oneWay bool, server net.Conn, fromServer *bufio.Reader,
	client net.Conn) error {
	if _, err := server.Write(request); err != nil {
		return err
	}
	if oneWay {
		return nil
	}
	reply, err := readMessage(fromServer)
	if err != nil {
		return err
	}
	_, err = client.Write(reply)
	return err
}
