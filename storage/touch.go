package storage

import (
	"context"
	"sort"
	"sync"
	"time"
)

// touchWindow is how long PROLOG bookkeeping waits for company before it
// is written: agents contact in bursts, and a hundred contacts in one
// transaction cost the database a fraction of a hundred transactions.
const touchWindow = 20 * time.Millisecond

// maxTouches flushes early when that many contacts are waiting.
const maxTouches = 512

type touch struct {
	id          int64
	quality, at string
	ua          string
}

// toucher batches the hardware updates of PROLOG contacts.
type toucher struct {
	mu      sync.Mutex
	pending []touch
	timer   *time.Timer
	wg      sync.WaitGroup
}

func (t *toucher) add(db *DB, c touch) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pending = append(t.pending, c)
	if len(t.pending) >= maxTouches {
		t.flushLocked(db)
		return
	}
	if t.timer == nil {
		t.timer = time.AfterFunc(touchWindow, func() {
			t.mu.Lock()
			defer t.mu.Unlock()
			t.flushLocked(db)
		})
	}
}

// flushLocked hands the waiting contacts to a writer goroutine.
func (t *toucher) flushLocked(db *DB) {
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	batch := t.pending
	t.pending = nil
	if len(batch) == 0 {
		return
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		db.writeTouches(batch)
	}()
}

// drain writes what is waiting and waits for the writers (shutdown).
func (t *toucher) drain(db *DB) {
	t.mu.Lock()
	t.flushLocked(db)
	t.mu.Unlock()
	t.wg.Wait()
}

// writeTouches applies a batch in one transaction; a failure is logged (the
// contacts' bookkeeping is lost, never an inventory).
func (db *DB) writeTouches(batch []touch) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Rows are locked in id order, as merges lock them, so the two never
	// wait on each other in a cycle.
	sort.Slice(batch, func(i, j int) bool { return batch[i].id < batch[j].id })
	err := db.InTx(ctx, func(tx *Tx) error {
		for _, c := range batch {
			if err := tx.queue(ctx, "UPDATE hardware SET FIDELITY = FIDELITY + 1, QUALITY = ?, LASTCOME = ?, USERAGENT = ? WHERE ID = ?",
				c.quality, c.at, c.ua, c.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.log.Error().Err(err).Int("contacts", len(batch)).Msg("prolog bookkeeping lost")
	}
}
