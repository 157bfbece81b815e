import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, AuditService, detectFileType, ObjectStorage, type AuthUser, type UploadedFile } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';
import { isEditable } from '../cooperatives/cooperative-status.js';
import { CooperativeDocument, DocumentKind } from '../cooperatives/cooperative.entities.js';
import type { DocumentDto, DownloadDto } from './documents.dto.js';

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly storage: ObjectStorage,
    private readonly audit: AuditService,
  ) {}

  /** Checked by content (a renamed .exe is refused) before anything is stored. */
  async upload(user: AuthUser, cooperativeId: string, kind: DocumentKind, file: UploadedFile): Promise<DocumentDto> {
    await this.access.require(user, cooperativeId, 'admin');
    const type = await detectFileType(file, DOCUMENT_TYPES);
    const document = this.db.getRepository(CooperativeDocument).create({
      cooperativeId,
      kind,
      fileName: cleanFileName(file.originalName, type.ext),
      contentType: type.mime,
      sizeBytes: file.size,
      uploadedBy: user.id,
    });
    document.storageKey = `private/cooperatives/${cooperativeId}/documents/${randomUUID()}.${type.ext}`;
    await this.storage.put(document.storageKey, file.buffer, { contentType: type.mime });
    try {
      const saved = await this.db.transaction(async (manager) => {
        const row = await manager.getRepository(CooperativeDocument).save(document);
        await this.audit.record(
          {
            actor: user,
            action: 'cooperative.document.upload',
            entityType: 'cooperative',
            entityId: cooperativeId,
            cooperativeId,
            data: { documentId: row.id, kind },
          },
          manager,
        );
        return row;
      });
      return toDocumentDto(saved);
    } catch (error) {
      await this.storage.delete(document.storageKey).catch(() => undefined);
      throw error;
    }
  }

  async list(user: AuthUser, cooperativeId: string): Promise<DocumentDto[]> {
    await this.access.require(user, cooperativeId, 'read');
    const rows = await this.db.getRepository(CooperativeDocument).find({ where: { cooperativeId }, order: { createdAt: 'ASC' } });
    return rows.map(toDocumentDto);
  }

  async downloadUrl(user: AuthUser, cooperativeId: string, documentId: string): Promise<DownloadDto> {
    await this.access.require(user, cooperativeId, 'read');
    const document = await this.find(cooperativeId, documentId);
    const ttlSeconds = 300;
    return {
      url: await this.storage.presignedGetUrl(document.storageKey, { ttlSeconds, downloadName: document.fileName }),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
    };
  }

  /** Papers under review or approved are evidence: they can be removed only in draft (or after a rejection, to replace them). */
  async remove(user: AuthUser, cooperativeId: string, documentId: string): Promise<void> {
    const document = await this.db.transaction(async (manager) => {
      const { cooperative } = await this.access.require(user, cooperativeId, 'admin', { manager, lock: true });
      const found = await this.find(cooperativeId, documentId);
      if (!isEditable(cooperative.status)) {
        throw AppException.wrongState(cooperative.status);
      }
      await manager.getRepository(CooperativeDocument).delete({ id: documentId });
      await this.audit.record(
        {
          actor: user,
          action: 'cooperative.document.delete',
          entityType: 'cooperative',
          entityId: cooperativeId,
          cooperativeId,
          data: { documentId, kind: found.kind },
        },
        manager,
      );
      return found;
    });
    await this.storage.delete(document.storageKey);
  }

  private async find(cooperativeId: string, documentId: string): Promise<CooperativeDocument> {
    const document = await this.db.getRepository(CooperativeDocument).findOneBy({ id: documentId, cooperativeId });
    if (!document) throw AppException.notFound('document');
    return document;
  }
}

function toDocumentDto(d: CooperativeDocument): DocumentDto {
  return { id: d.id, kind: d.kind, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, uploadedAt: d.createdAt.toISOString() };
}

/** Keeps the name the user gave (Vietnamese included), drops path parts and control characters, fixes the extension. */
function cleanFileName(name: string, ext: string): string {
  const base =
    (name.split(/[\\/]/).pop() ?? '')
      // eslint-disable-next-line no-control-regex -- control characters are what is dropped
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 150) || 'tai-lieu';
  const stem = base.replace(/\.[^.]*$/, '') || 'tai-lieu';
  return `${stem}.${ext}`;
}
