-- An acknowledgement lasts until the anomaly changes for the person who triaged it: its details
-- differ from those acknowledged, or it resolved and came back (docs/anomalies.md, "Triage").
-- Being found again unchanged by the next pass no longer ends it. The pass ends it and says why.
ALTER TABLE anomalies
    ADD COLUMN acknowledged_details      jsonb,        -- `details` when acknowledged
    ADD COLUMN acknowledgement_ended_at  timestamptz,  -- when the last acknowledgement ended
    ADD COLUMN acknowledgement_end       text CHECK (acknowledgement_end IN ('changed', 'returned', 'reopened'));

-- Acknowledgements the old rule had already ended (the anomaly was seen again) stay ended, as
-- their owners saw them: what they acknowledged is not known any more.
UPDATE anomalies SET acknowledgement_ended_at = greatest(last_seen, acknowledged_at), acknowledgement_end = 'changed',
                     acknowledged_at = NULL
WHERE acknowledged_at IS NOT NULL
  AND (occurrences IS DISTINCT FROM acknowledged_occurrences OR last_seen > acknowledged_at);
-- The others were not seen since, so their details are the acknowledged ones.
UPDATE anomalies SET acknowledged_details = details WHERE acknowledged_at IS NOT NULL;
