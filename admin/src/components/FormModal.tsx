import type { FormEvent, ReactNode } from 'react';
import { Button, Flex, Modal } from '@strapi/design-system';
import { useT } from '../hooks/useT';

type Props = {
  title: string;
  submitLabel: string;
  busy: boolean;
  canSubmit?: boolean;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
};

/** A modal form with a title, its fields, Cancel and a submit button. */
export const FormModal = ({
  title,
  submitLabel,
  busy,
  canSubmit = true,
  onClose,
  onSubmit,
  children,
}: Props) => {
  const t = useT();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canSubmit && !busy) onSubmit();
  };
  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} noValidate>
          <Modal.Header>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {children}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={busy} disabled={!canSubmit}>
              {submitLabel}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
