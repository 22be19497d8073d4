// `make bench`: the Go module (cgo over the release libonespan_sign.a) against the same check
// written by hand in Go: subtle.ConstantTimeCompare for `Basic <key>` or the bare key, the
// size cap, utf8.Valid, encoding/json into a struct with the same fields, Raw a copy of the
// body: the same onespan.Event.
//
//	go run . VECTOR_JSON ROUNDS SECS
//
// One JSON object per measured round; rounds alternate which side goes first, after a
// warm-up round of each.
package main

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	onespan "example.invalid/onespan-sign/bindings-go"
)

type payload struct {
	Name        *string `json:"name"`
	PackageID   *string `json:"packageId"`
	DocumentID  *string `json:"documentId"`
	SessionUser *string `json:"sessionUser"`
	Message     *string `json:"message"`
	CreatedDate *string `json:"createdDate"`
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func handWritten(body []byte, authorization, key string) (*onespan.Event, error) {
	if key == "" || authorization == "" {
		return nil, errors.New("no key or no header")
	}
	header := strings.Trim(authorization, " \t")
	k := []byte(key)
	ok := subtle.ConstantTimeCompare([]byte(header), k)
	if len(header) > 5 && strings.EqualFold(header[:5], "basic") && (header[5] == ' ' || header[5] == '\t') {
		ok |= subtle.ConstantTimeCompare([]byte(strings.TrimLeft(header[5:], " \t")), k)
	}
	if ok != 1 {
		return nil, errors.New("wrong key")
	}
	if len(body) == 0 || len(body) > onespan.MaxBodyBytes || !utf8.Valid(body) {
		return nil, errors.New("bad body")
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("not an object")
	}
	var p payload
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, err
	}
	if p.Name == nil || *p.Name == "" {
		return nil, errors.New("no name")
	}
	return &onespan.Event{
		Name: *p.Name, PackageID: str(p.PackageID), DocumentID: str(p.DocumentID),
		SessionUser: str(p.SessionUser), Message: str(p.Message), CreatedDate: str(p.CreatedDate),
		Raw: append(json.RawMessage(nil), body...),
	}, nil
}

func main() {
	var v struct {
		Headers map[string]string `json:"headers"`
		Key     string            `json:"key"`
		Body    string            `json:"body"`
	}
	text, err := os.ReadFile(os.Args[1])
	if err == nil {
		err = json.Unmarshal(text, &v)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	rounds, _ := strconv.Atoi(os.Args[2])
	secs, _ := strconv.ParseFloat(os.Args[3], 64)
	body, auth := []byte(v.Body), v.Headers["Authorization"]
	sides := map[string]func([]byte, string, string) (*onespan.Event, error){
		"ours": onespan.VerifyWebhook, "baseline": handWritten,
	}
	a, errA := onespan.VerifyWebhook(body, auth, v.Key)
	b, errB := handWritten(body, auth, v.Key)
	if errA != nil || errB != nil || a.Name != b.Name || a.PackageID != b.PackageID ||
		a.SessionUser != b.SessionUser || a.CreatedDate != b.CreatedDate || !bytes.Equal(a.Raw, b.Raw) {
		fmt.Fprintln(os.Stderr, "the module and the hand-written check disagree", errA, errB)
		os.Exit(1)
	}
	sink := 0
	for r := 0; r <= rounds; r++ {
		order := []string{"ours", "baseline"}
		if r%2 == 1 {
			order = []string{"baseline", "ours"}
		}
		for _, side := range order {
			verify := sides[side]
			start := time.Now()
			deadline := start.Add(time.Duration(secs * float64(time.Second)))
			n := 0
			for time.Now().Before(deadline) {
				for i := 0; i < 100; i++ {
					e, err := verify(body, auth, v.Key)
					if err != nil {
						panic(err)
					}
					sink += len(e.Name) + len(e.PackageID)
				}
				n += 100
			}
			took := time.Since(start).Seconds()
			if r > 0 {
				fmt.Printf(`{"bench":"go_webhook","side":%q,"round":%d,"calls":%d,"secs":%f}`+"\n", side, r, n, took)
			}
		}
	}
	if sink == 0 {
		os.Exit(1)
	}
}
