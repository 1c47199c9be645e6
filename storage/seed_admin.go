package storage

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// adminPasswordLength is the length of the generated admin password: 20
// characters of a 57-symbol alphabet, about 116 bits.
const adminPasswordLength = 20

// passwordAlphabet leaves out characters that are easy to misread (0/O, 1/l/I).
const passwordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

// seedAdmin creates the console's super-administrator "admin" with a random
// password instead of OCS's published default (docs/compat.md D2). The hash
// is bcrypt in PHP's $2y$ form with PASSWORD_VERSION 1: ocsreports checks
// such a password with password_verify and rehashes it in its current format
// at the first login (mirrors ocsreports backend/AUTH/methode/local.php).
func seedAdmin(ctx context.Context, s *seeder) error {
	found, err := s.exists(ctx, "SELECT 1 FROM operators WHERE ID = 'admin'")
	if err != nil {
		return fmt.Errorf("seed admin: %w", err)
	}
	if found {
		return nil
	}
	password, err := newPassword(adminPasswordLength)
	if err != nil {
		return err
	}
	hash, err := phpBcrypt(password)
	if err != nil {
		return err
	}
	cols := []string{"ID", "FIRSTNAME", "LASTNAME", "PASSWD", "ACCESSLVL", "COMMENTS",
		"NEW_ACCESSLVL", "EMAIL", "USER_GROUP", "PASSWORD_VERSION"}
	row := []any{"admin", "admin", "admin", hash, 1, "Administrator created by ocsd", "sadmin", nil, nil, 1}
	if err := s.insert(ctx, "operators", cols, [][]any{row}); err != nil {
		return err
	}
	s.adminPassword = password
	return nil
}

// newPassword returns n characters of passwordAlphabet drawn from crypto/rand.
func newPassword(n int) (string, error) {
	max := big.NewInt(int64(len(passwordAlphabet)))
	var b strings.Builder
	for i := 0; i < n; i++ {
		k, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", fmt.Errorf("random password: %w", err)
		}
		b.WriteByte(passwordAlphabet[k.Int64()])
	}
	return b.String(), nil
}

// phpBcrypt hashes password with bcrypt at PHP's default cost and labels it
// $2y$ as PHP's password_hash does (the algorithm is the same as Go's $2a$).
func phpBcrypt(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return "$2y$" + strings.TrimPrefix(string(h), "$2a$"), nil
}
