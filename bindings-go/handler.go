package onespan

import (
	"errors"
	"io"
	"net/http"
)

// WebhookHandler is a net/http handler for OneSpan's event notifications. Before fn is called
// it answers, itself:
//   - 401 when the Authorization header does not carry callbackKey (checked before any of
//     the body is read, so a stranger cannot make the receiver read anything);
//   - 413 when the body is longer than MaxBodyBytes (at most MaxBodyBytes+1 bytes are read);
//   - 400 when the body is not a OneSpan event.
//
// fn gets the verified event and answers the request (OneSpan wants a 2xx).
func WebhookHandler(callbackKey string, fn func(http.ResponseWriter, *http.Request, *Event)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		authorization := r.Header.Get("Authorization")
		// An empty body never is an event, so the core answers ErrParse once the key matched
		// and ErrVerification when it did not: the key check, alone and in constant time.
		if _, err := VerifyWebhook(nil, authorization, callbackKey); !errors.Is(err, ErrParse) {
			status := http.StatusUnauthorized
			if errors.Is(err, ErrInvalidArgument) {
				status = http.StatusInternalServerError
			}
			refuse(w, err.Error(), status)
			return
		}
		if r.ContentLength > int64(MaxBodyBytes) {
			refuse(w, "webhook payload is over the size limit", http.StatusRequestEntityTooLarge)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, int64(MaxBodyBytes)+1))
		if err != nil {
			http.Error(w, "the request body could not be read", http.StatusBadRequest)
			return
		}
		if len(body) > MaxBodyBytes {
			refuse(w, "webhook payload is over the size limit", http.StatusRequestEntityTooLarge)
			return
		}
		event, err := ParseWebhook(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		fn(w, r, event)
	})
}

// refuse answers without reading the rest of the body. "Connection: close" is what stops
// net/http from draining up to 256 KiB of an unread body before it sends the answer (and
// from waiting on a sender that never finishes).
func refuse(w http.ResponseWriter, message string, status int) {
	w.Header().Set("Connection", "close")
	http.Error(w, message, status)
}
