import { text } from '../../../shared/http/messages';
import { HttpProblem } from '../../../shared/http/problem';
import { regionName } from '../../../shared/ids/regions';
import { renderCaseHtml } from '../core/markdown';
import { TOPIC_LABELS } from '../core/topics';
import { DOWNLOAD_LINK_SECONDS, downloadUrl } from '../store/attachment-files';
import { readBody } from '../store/bodies';
import { getCase, getVersion } from '../store/cases';

/**
 * The one answer for a case the public cannot read — unknown, never published, withdrawn —
 * byte-identical (no request id inside), so the endpoint tells nobody which ids exist.
 */
function publicCaseNotFound(): never {
  throw new HttpProblem(404, text('未找到', 'Not found'), text('没有该编号的已发布案例。', 'No published case has this id.'), { type: '/problems/case-not-found', omitRequestId: true });
}

/**
 * The live version of a case: its frozen metadata, the body rendered from Markdown and
 * sanitised on every read (so a tightened sanitiser covers every case at once), and download
 * links to its frozen attachments.
 */
export async function publicCase(caseId: string) {
  // Eventually consistent, like every public read: a publish shows within a second.
  const record = await getCase(caseId, false);
  if (!record?.live || record.status === 'WITHDRAWN' || !record.firstPublishedAt) publicCaseNotFound();
  const version = await getVersion(caseId, record.live.version);
  if (!version) publicCaseNotFound();
  const [markdown, attachments] = await Promise.all([
    readBody(version.bodyKey),
    Promise.all(
      version.attachments.map(async ({ key, ...attachment }) => ({ ...attachment, url: await downloadUrl(key, attachment.fileName), expiresInSeconds: DOWNLOAD_LINK_SECONDS })),
    ),
  ]);
  return {
    id: caseId,
    version: version.version,
    title: version.title,
    summary: version.summary,
    topic: version.topic,
    topicLabel: TOPIC_LABELS[version.topic],
    region: version.region,
    regionName: regionName(version.region) ?? version.region,
    year: version.year,
    tags: version.tags,
    publishedAt: record.firstPublishedAt,
    versionPublishedAt: version.publishedAt,
    html: renderCaseHtml(markdown),
    attachments,
  };
}
