// Package onespan verifies and parses OneSpan Sign event notifications (webhooks) with the
// same Rust core as the Python, Node, C and WebAssembly packages, through cgo over the static
// library libonespan_sign.a (bindings-c).
//
// Build requirement: the static library, from the repository's `make c` (dev) or
// `cargo build --release -p onespan-sign-c`; point cgo at its folder with
// CGO_LDFLAGS=-L<that folder>. The header comes from ../bindings-c/include.
package onespan

/*
#cgo CFLAGS: -I${SRCDIR}/../bindings-c/include
#cgo LDFLAGS: -Wl,-Bstatic -lonespan_sign -Wl,-Bdynamic -lm -ldl -lpthread
#include <stdlib.h>
#include "onespan_sign.h"
*/
import "C"

import (
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// MaxBodyBytes is the body size cap (1 MiB): a longer body is refused with ErrParse before
// it is parsed.
const MaxBodyBytes = int(C.ONESPAN_WEBHOOK_MAX_BODY_BYTES)

var (
	// ErrVerification: the Authorization header does not carry the callback key (missing,
	// empty, another key, or the configured key is empty). Match with errors.Is.
	ErrVerification = errors.New("webhook verification failed")
	// ErrParse: the body is not a OneSpan event (over MaxBodyBytes, empty, not UTF-8, not
	// JSON, not an object, or without a non-empty string "name"). Match with errors.Is.
	ErrParse = errors.New("webhook payload is not a OneSpan event")
	// ErrInvalidArgument: the callback key itself cannot be used (it holds a NUL byte or is
	// not UTF-8).
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrInternal: a bug in the library. Please report it.
	ErrInternal = errors.New("internal error in onespan-sign")
)

// Event is a verified or parsed event notification. A typed field is "" when the payload
// does not hold it as a string.
type Event struct {
	// Name is the event name, e.g. "PACKAGE_COMPLETE", also one this version does not know.
	Name string
	// PackageID is the package (transaction) the event is about.
	PackageID string
	// DocumentID is the document, for DOCUMENT_SIGNED.
	DocumentID string
	// SessionUser is the sender's or signer's ID that triggered the event.
	SessionUser string
	// Message is the reason, for declines and opt-outs.
	Message string
	// CreatedDate is when the event happened, as sent.
	CreatedDate string
	// Raw is the whole payload as received (the request body, which the core has checked
	// is a JSON object): every field, also the ones not typed here.
	Raw json.RawMessage
}

// webhookError is what VerifyWebhook and ParseWebhook return: the core's message, matched by
// errors.Is against ErrVerification, ErrParse, ErrInvalidArgument or ErrInternal.
type webhookError struct {
	kind    error
	message string
}

func (e *webhookError) Error() string { return e.message }
func (e *webhookError) Unwrap() error { return e.kind }

// VerifyWebhook checks that authorization (the request's Authorization header value, "" when
// absent) carries callbackKey, in constant time, then parses body (the raw request body) into
// an Event. The key is checked before the body is looked at.
func VerifyWebhook(body []byte, authorization, callbackKey string) (*Event, error) {
	key, err := cText(callbackKey)
	if err != nil {
		return nil, &webhookError{ErrInvalidArgument, "invalid argument: callbackKey " + err.Error()}
	}
	// A header that cannot be handed to C as text (a NUL byte, or bytes that are not UTF-8)
	// cannot carry a UTF-8 key: the same answer as any other wrong header.
	header, err := cText(authorization)
	if err != nil {
		return nil, &webhookError{ErrVerification, "webhook verification failed: the Authorization header " + err.Error()}
	}
	var auth *C.char
	if authorization != "" {
		auth = (*C.char)(unsafe.Pointer(&header[0]))
	}
	var event *C.OnespanEvent
	var message *C.char
	ptr, n := bodyArg(body)
	rc := C.onespan_webhook_verify(ptr, n, auth, (*C.char)(unsafe.Pointer(&key[0])), &event, &message)
	return result(rc, event, message, body)
}

// ParseWebhook parses body into an Event without checking any key: for callbacks
// registered without one.
func ParseWebhook(body []byte) (*Event, error) {
	var event *C.OnespanEvent
	var message *C.char
	ptr, n := bodyArg(body)
	rc := C.onespan_webhook_parse(ptr, n, &event, &message)
	return result(rc, event, message, body)
}

// cText is s with a closing NUL, in Go memory (cgo lets C read it during the call), or why
// it cannot be C text.
func cText(s string) ([]byte, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, errors.New("holds a NUL byte")
	}
	if !utf8.ValidString(s) {
		return nil, errors.New("is not UTF-8")
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	return b, nil
}

func bodyArg(body []byte) (*C.uint8_t, C.size_t) {
	if len(body) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&body[0])), C.size_t(len(body))
}

func result(rc C.int, event *C.OnespanEvent, message *C.char, body []byte) (*Event, error) {
	if rc != C.ONESPAN_OK {
		text := C.GoString(message)
		C.onespan_string_free(message)
		kind := ErrInternal
		switch rc {
		case C.ONESPAN_VERIFICATION_FAILED:
			kind = ErrVerification
		case C.ONESPAN_PARSE_FAILED:
			kind = ErrParse
		case C.ONESPAN_INVALID_ARGUMENT:
			kind = ErrInvalidArgument
		}
		return nil, &webhookError{kind, text}
	}
	defer C.onespan_event_free(event)
	return &Event{
		Name:        goText(C.onespan_event_name(event)),
		PackageID:   goText(C.onespan_event_package_id(event)),
		DocumentID:  goText(C.onespan_event_document_id(event)),
		SessionUser: goText(C.onespan_event_session_user(event)),
		Message:     goText(C.onespan_event_message(event)),
		CreatedDate: goText(C.onespan_event_created_date(event)),
		Raw:         append(json.RawMessage(nil), body...),
	}, nil
}

func goText(s *C.char) string {
	if s == nil {
		return ""
	}
	return C.GoString(s)
}
