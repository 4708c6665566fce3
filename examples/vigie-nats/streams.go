package main

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// createStreams creates or updates what -create promises: the requests
// stream (a work queue: a request leaves it once acknowledged), the results
// stream (de-duplicating on Nats-Msg-Id over -dedup-window) and the durable
// pull consumer every worker shares. Running it from several workers at
// once is harmless: the configurations are the same.
func createStreams(ctx context.Context, js jetstream.JetStream, cfg *config) error {
	if _, err := js.CreateOrUpdateStream(ctx, requestsStreamConfig(cfg)); err != nil {
		return fmt.Errorf("stream %s: %w", cfg.stream, err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, resultsStreamConfig(cfg)); err != nil {
		return fmt.Errorf("stream %s: %w", cfg.resultsStream, err)
	}
	if _, err := js.CreateOrUpdateConsumer(ctx, cfg.stream, consumerConfig(cfg)); err != nil {
		return fmt.Errorf("consumer %s: %w", cfg.consumer, err)
	}
	return nil
}

func requestsStreamConfig(cfg *config) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        cfg.stream,
		Description: "vigie check requests",
		Subjects:    []string{cfg.subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		// Publishers that set Nats-Msg-Id get their retries dropped too.
		Duplicates: cfg.dedupWindow,
	}
}

func resultsStreamConfig(cfg *config) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        cfg.resultsStream,
		Description: "vigie check results, one per request ID",
		Subjects:    []string{cfg.resultsSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  cfg.dedupWindow,
	}
}

func consumerConfig(cfg *config) jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:     cfg.consumer,
		Description: "vigie workers; every worker pulls from it",
		AckPolicy:   jetstream.AckExplicitPolicy,
		AckWait:     cfg.ackWait,
		// Unlimited redeliveries: a request is never dropped without a
		// result. A request that cannot be checked gets an error result
		// and is acknowledged, so it does not come back.
		MaxDeliver: -1,
		// Bounds the requests held unacknowledged by all workers together;
		// past it JetStream stops delivering until some are acknowledged.
		MaxAckPending: 10000,
	}
}
