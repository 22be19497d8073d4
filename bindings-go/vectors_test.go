package onespan

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// vector is one file of tests/vectors/webhooks (its README says what each field means).
type vector struct {
	Description string            `json:"description"`
	Headers     map[string]string `json:"headers"`
	Key         string            `json:"key"`
	Mode        string            `json:"mode"`
	Body        *string           `json:"body"`
	BodyBase64  *string           `json:"body_base64"`
	BodyRepeat  *struct {
		Prefix string `json:"prefix"`
		Unit   string `json:"unit"`
		Count  int    `json:"count"`
		Suffix string `json:"suffix"`
	} `json:"body_repeat"`
	Expect struct {
		OK    bool               `json:"ok"`
		Error string             `json:"error"`
		Event map[string]*string `json:"event"`
	} `json:"expect"`
}

func (v *vector) body(t *testing.T) []byte {
	switch {
	case v.Body != nil:
		return []byte(*v.Body)
	case v.BodyBase64 != nil:
		b, err := base64.StdEncoding.DecodeString(*v.BodyBase64)
		if err != nil {
			t.Fatal(err)
		}
		return b
	case v.BodyRepeat != nil:
		r := v.BodyRepeat
		return []byte(r.Prefix + strings.Repeat(r.Unit, r.Count) + r.Suffix)
	}
	t.Fatal("no body, body_base64 or body_repeat")
	return nil
}

// The header, found case-insensitively as an HTTP server would; "" when absent.
func (v *vector) authorization() string {
	for name, value := range v.Headers {
		if strings.EqualFold(name, "Authorization") {
			return value
		}
	}
	return ""
}

func TestSharedVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "tests", "vectors", "webhooks", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vector files found (%v)", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var v vector
			if err := json.Unmarshal(text, &v); err != nil {
				t.Fatal(err)
			}
			body := v.body(t)
			var event *Event
			switch v.Mode {
			case "verify":
				event, err = VerifyWebhook(body, v.authorization(), v.Key)
			case "parse":
				event, err = ParseWebhook(body)
			default:
				t.Fatalf("unknown mode %q", v.Mode)
			}
			if v.Expect.OK {
				checkEvent(t, &v, body, event, err)
			} else {
				checkError(t, &v, event, err)
			}
		})
	}
	t.Logf("%d vector files", len(files))
}

func checkEvent(t *testing.T, v *vector, body []byte, event *Event, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: want an event, got %v", v.Description, err)
	}
	got := map[string]string{
		"name": event.Name, "package_id": event.PackageID, "document_id": event.DocumentID,
		"session_user": event.SessionUser, "message": event.Message, "created_date": event.CreatedDate,
	}
	for field, value := range got {
		want, listed := v.Expect.Event[field]
		if !listed {
			t.Fatalf("%s: the vector does not list %s", v.Description, field)
		}
		// Absent (null) is "" in Go.
		if (want == nil && value != "") || (want != nil && *want != value) {
			t.Errorf("%s: %s = %q, want %v", v.Description, field, value, deref(want))
		}
	}
	var raw, parsed any
	if err := json.Unmarshal(event.Raw, &raw); err != nil {
		t.Fatalf("Raw is not JSON: %v", err)
	}
	if err := json.Unmarshal(body, &parsed); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(raw, parsed) {
		t.Errorf("%s: Raw = %s, want the whole body", v.Description, event.Raw)
	}
}

func checkError(t *testing.T, v *vector, event *Event, err error) {
	t.Helper()
	want := map[string]error{"WebhookVerificationError": ErrVerification, "WebhookParseError": ErrParse}[v.Expect.Error]
	if want == nil {
		t.Fatalf("unknown expected error %q", v.Expect.Error)
	}
	if event != nil || !errors.Is(err, want) {
		t.Fatalf("%s: want %v, got event %v, error %v", v.Description, want, event, err)
	}
	other := map[error]error{ErrVerification: ErrParse, ErrParse: ErrVerification}[want]
	if errors.Is(err, other) {
		t.Errorf("%v also matches %v", err, other)
	}
	if len(v.Key) >= 6 && strings.Contains(err.Error(), v.Key) {
		t.Errorf("the message shows the key: %v", err)
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
