package storage

import (
	"context"
	"sort"
	"strings"
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

// writeTouches applies a batch as one UPDATE (CASE per column): a single
// statement costs the database a fraction of one per contact. A failure is
// logged: the contacts' bookkeeping is lost, never an inventory.
func (db *DB) writeTouches(batch []touch) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q, args := touchUpdate(merge(batch))
	err := db.retry(ctx, func() error {
		_, err := db.sql.ExecContext(ctx, q, args...)
		return err
	})
	if err != nil {
		db.log.Error().Err(err).Int("contacts", len(batch)).Msg("prolog bookkeeping lost")
	}
}

// mergedTouch is one machine's contacts of a batch: how many, and the last.
type mergedTouch struct {
	touch
	n int
}

// merge folds a batch per machine, in id order (rows are then locked in the
// order merges lock them, so the two never wait on each other in a cycle).
func merge(batch []touch) []mergedTouch {
	byID := map[int64]int{}
	var out []mergedTouch
	for _, c := range batch {
		if i, ok := byID[c.id]; ok {
			out[i].touch, out[i].n = c, out[i].n+1
			continue
		}
		byID[c.id] = len(out)
		out = append(out, mergedTouch{touch: c, n: 1})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func touchUpdate(ts []mergedTouch) (string, []any) {
	var b strings.Builder
	args := make([]any, 0, len(ts)*9)
	column := func(set string, value func(mergedTouch) any) {
		b.WriteString(set + " CASE ID")
		for _, t := range ts {
			b.WriteString(" WHEN ? THEN ?")
			args = append(args, t.id, value(t))
		}
		b.WriteString(" END")
	}
	b.WriteString("UPDATE hardware SET ")
	column("FIDELITY = FIDELITY +", func(t mergedTouch) any { return t.n })
	column(", QUALITY =", func(t mergedTouch) any { return t.quality })
	column(", LASTCOME =", func(t mergedTouch) any { return t.at })
	column(", USERAGENT =", func(t mergedTouch) any { return t.ua })
	b.WriteString(" WHERE ID IN " + placeholders(len(ts)))
	for _, t := range ts {
		args = append(args, t.id)
	}
	return b.String(), args
}
