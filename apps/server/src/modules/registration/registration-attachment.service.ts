import { ATTACHMENT_TYPES, RegistrationStatus } from "@cosell/schema";
import { fileTypeFromBuffer } from "file-type";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden, notFound } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { LIST_BOUNDS } from "../../limits/bounds.js";
import { RegistrationAttachment } from "./registration-attachment.entity.js";
import type { RegistrationService } from "./registration.service.js";

/** Attachments one registration may carry (the bound of `DealRegistration.attachments` in the cost model). */
export const ATTACHMENTS_PER_REGISTRATION = LIST_BOUNDS.registrationAttachments;

const ALLOWED_TYPES: ReadonlySet<string> = new Set(ATTACHMENT_TYPES);

/** Thrown when the bytes are none of `ATTACHMENT_TYPES`; the HTTP layer answers 415. */
export class UnsupportedAttachmentType extends Error {
  constructor(readonly detected: string | null) {
    super(
      `The file is ${detected ? `of type ${detected}` : "of no type cosell recognizes"}, judged by its content: attach a PDF, PNG, JPEG, WebP or GIF`,
    );
  }
}

/** The name an attachment is kept under: its last path segment, trimmed, 1..200 characters, no control characters. */
export function attachmentName(raw: string | null): string {
  const name = (raw ?? "").split(/[/\\]/).pop()!.trim();
  if (!name) throw badInput("filename", "is required (the file's name, as ?filename=)");
  if (name.length > 200) throw badInput("filename", "must be at most 200 characters");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw badInput("filename", "must not contain control characters");
  return name;
}

/**
 * Files backing deal registrations, stored in the database. The registrant's firm adds them while
 * the registration is pending or approved; the registrant's firm and the vendor read them (as they
 * read the registration); everyone else gets NOT_FOUND.
 */
export class RegistrationAttachmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly registrations: RegistrationService,
  ) {}

  async add(policy: Policy, registrationGlobalId: string, rawName: string | null, bytes: Buffer): Promise<RegistrationAttachment> {
    const registration = await this.registrations.get(policy, registrationGlobalId);
    const viewer = policy.viewer;
    if (viewer.organizationId !== registration.registrantOrganizationId)
      throw forbidden("Only the registering firm attaches files to a registration");
    if (viewer.kind === "token" && !viewer.scopes.includes("WRITE")) throw forbidden("This API token has the READ scope only");
    const filename = attachmentName(rawName);
    if (bytes.length === 0) throw badInput("body", "is empty: send the file's bytes as the request body");
    const detected = (await fileTypeFromBuffer(bytes))?.mime ?? null;
    if (!detected || !ALLOWED_TYPES.has(detected)) throw new UnsupportedAttachmentType(detected);
    return this.uow.run(async (em) => {
      // Locked: the count and status below hold until COMMIT, whoever uploads at the same time.
      const [row] = await em.query<{ status: RegistrationStatus; count: number }[]>(
        `SELECT r.status, (SELECT count(*)::int FROM registration_attachment a WHERE a.registration_id = r.id) AS count
           FROM deal_registration r WHERE r.id = $1 FOR UPDATE`,
        [registration.id],
      );
      if (row!.status !== RegistrationStatus.PENDING && row!.status !== RegistrationStatus.APPROVED)
        throw conflict(`The registration is ${row!.status.toLowerCase()}: files are added only while it is pending or approved`);
      if (row!.count >= ATTACHMENTS_PER_REGISTRATION)
        throw conflict(`A registration carries at most ${ATTACHMENTS_PER_REGISTRATION} files`, { limit: ATTACHMENTS_PER_REGISTRATION });
      const attachment = em.create(RegistrationAttachment, {
        id: newId(),
        registrationId: registration.id,
        filename,
        contentType: detected,
        size: bytes.length,
        content: bytes,
        uploadedById: viewer.kind === "user" ? viewer.userId : null,
        createdAtDate: new Date(),
      });
      await em.insert(RegistrationAttachment, attachment);
      return attachment;
    });
  }

  /** An attachment with its bytes, when the viewer may read its registration; else NOT_FOUND. */
  async download(policy: Policy, registrationGlobalId: string, attachmentGlobalId: string): Promise<RegistrationAttachment> {
    const registration = await this.registrations.get(policy, registrationGlobalId);
    const id = idOf("RegistrationAttachment", attachmentGlobalId);
    const found = id
      ? await this.dataSource.manager
          .createQueryBuilder(RegistrationAttachment, "a")
          .addSelect("a.content")
          .where("a.id = :id AND a.registration_id = :registration", { id, registration: registration.id })
          .getOne()
      : null;
    if (!found) throw notFound("Attachment");
    return found;
  }
}
