import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * One reporting currency per organization, its table of exchange rates (each valid from a date
 * until the next one for the same pair), and the organization's stage weights for the weighted
 * pipeline (stages without a row use the defaults of @cosell/schema). Rates are kept as the decimal
 * text they were entered as: conversion reads them as scaled integers, never as floats.
 */
export class ReportingCurrency1764700000006 implements MigrationInterface {
  name = "ReportingCurrency1764700000006";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization ADD COLUMN reporting_currency char(3) NOT NULL DEFAULT 'USD'`);
    await q.query(`
      CREATE TABLE exchange_rate (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id),
        from_currency char(3) NOT NULL,
        to_currency char(3) NOT NULL,
        rate text NOT NULL,
        valid_from date NOT NULL,
        set_by_id uuid REFERENCES app_user(id),
        set_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_currency <> to_currency),
        UNIQUE (organization_id, from_currency, to_currency, valid_from)
      )`);
    await q.query(`
      CREATE TABLE stage_weight (
        organization_id uuid NOT NULL REFERENCES organization(id),
        stage text NOT NULL,
        percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
        PRIMARY KEY (organization_id, stage)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS stage_weight`);
    await q.query(`DROP TABLE IF EXISTS exchange_rate`);
    await q.query(`ALTER TABLE organization DROP COLUMN IF EXISTS reporting_currency`);
  }
}
