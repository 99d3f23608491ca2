import { useEffect, useState } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { EmailTemplate } from '../../../shared/contracts';
import { useLatest } from '../hooks/useLatest';
import { useT } from '../hooks/useT';
import { API, errorMessage } from '../utils/api';

/**
 * The template as the invitee would see it, filled with sample values by the server's own
 * renderer (so placeholders and escaping are exactly those of real emails). The HTML is shown in
 * a sandboxed frame that runs no script.
 */
export const EmailPreview = ({ template }: { template: EmailTemplate }) => {
  const t = useT();
  const { post } = useFetchClient();
  const [preview, setPreview] = useState<EmailTemplate | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useLatest({ post, t });
  const { subject, html, text } = template;

  useEffect(() => {
    const controller = new AbortController();
    const { post, t } = latest.current;
    const timer = setTimeout(() => {
      post<{ data: EmailTemplate }>(
        `${API}/settings/email-template/preview`,
        { subject, html, text },
        {
          signal: controller.signal,
        }
      )
        .then((res) => {
          setPreview(res.data.data);
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setProblem(errorMessage(error) ?? t('error.unknown'));
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [subject, html, text, latest]);

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="email-preview">
      <Typography variant="sigma" textColor="neutral600">
        {t('template.preview')}
      </Typography>
      {problem && (
        <Typography textColor="danger600" role="alert">
          {problem}
        </Typography>
      )}
      {preview && (
        <>
          <Typography fontWeight="bold" data-testid="preview-subject">
            {preview.subject}
          </Typography>
          <Box hasRadius borderColor="neutral200" overflow="hidden">
            <iframe
              title={t('template.previewHtml')}
              sandbox=""
              srcDoc={preview.html}
              style={{ width: '100%', height: '220px', border: 0, background: 'white' }}
            />
          </Box>
          <Box hasRadius background="neutral100" padding={3}>
            <Typography tag="pre" variant="pi" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {preview.text}
            </Typography>
          </Box>
        </>
      )}
    </Flex>
  );
};
