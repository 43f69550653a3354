import { Alert, Button, Card, Checkbox, FileInput, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checklistStates, type ChecklistState, type RequestView } from '../../../../shared/contracts/requests.js';
import { formatNpwp } from '../../../../shared/identifiers.js';
import { wrap } from '../../../components/ui/styles.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { uploadAsStaff, useCannedReplies, type useStaffWrite } from '../api/requests.js';
import { errorText, isConflict } from './parts.js';

/** The officer's write on the request the page shows (useStaffWrite). */
type StaffWriter = ReturnType<typeof useStaffWrite>;

/** The officer marks each checklist item received, shown in original, or missing (with a note for the requester). */
export function ChecklistEditor({ view, write }: { view: RequestView; write: StaffWriter }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<string, { state: ChecklistState; note: string }>>({});
  const changed = Object.entries(draft).filter(([code, d]) => {
    const item = view.checklist.find((c) => c.code === code);
    return item && (item.state !== d.state || (item.note ?? '') !== d.note);
  });
  if (view.checklist.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="checklist-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="checklist-heading">
          {t('requests.checklist.title')}
        </Title>
        {view.checklist.map((c) => {
          const d = draft[c.code] ?? { state: c.state, note: c.note ?? '' };
          return (
            <Stack key={c.code} gap={4} data-testid={`checklist-${c.code}`}>
              <Text size="sm" fw={500} style={wrap}>
                {c.label}
                {c.required ? '' : ` (${t('requests.form.optional')})`}
                {c.value ? `: ${c.value}` : ''}
              </Text>
              <NativeSelect
                aria-label={t('requests.checklist.stateOf', { item: c.label })}
                value={d.state}
                onChange={(e) => setDraft({ ...draft, [c.code]: { ...d, state: e.currentTarget.value as ChecklistState } })}
                data={checklistStates.filter((s) => s !== 'original_shown' || c.kind === 'original' || c.kind === 'document').map((s) => ({ value: s, label: t(`requests.checklist.state.${s}`) }))}
              />
              {d.state === 'missing' && (
                <TextInput aria-label={t('requests.checklist.noteOf', { item: c.label })} placeholder={t('requests.checklist.note')} value={d.note} onChange={(e) => setDraft({ ...draft, [c.code]: { ...d, note: e.currentTarget.value } })} />
              )}
            </Stack>
          );
        })}
        <Button
          disabled={changed.length === 0}
          loading={write.isPending}
          onClick={() =>
            write.mutate(
              { path: 'checklist', body: { items: changed.map(([code, d]) => ({ code, state: d.state, note: d.note.trim() || undefined })) } },
              { onSuccess: () => setDraft({}) },
            )
          }
        >
          {t('requests.checklist.save')}
        </Button>
      </Stack>
    </Card>
  );
}

/** The step's actions the officer may take, with what each needs (a comment, a product, a reference where it escalates). */
export function ActionsPanel({ agency, view, write }: { agency: string; view: RequestView; write: StaffWriter }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [productText, setProductText] = useState('');
  const [productFile, setProductFile] = useState<File | null>(null);
  const [reference, setReference] = useState('');
  const [uploadError, setUploadError] = useState<string | null>(null);
  const action = view.allowedActions.find((a) => a.code === chosen);
  const errors = fieldErrors(write.error);
  if (view.allowedActions.length === 0) {
    return (
      <Alert color="gray" data-testid="no-actions">
        {view.status === 'closed' ? t('requests.staff.closed') : view.step.role === 'requester' ? t('requests.staff.waitingRequester') : t('requests.staff.noActions', { role: view.step.roleName ?? '–' })}
      </Alert>
    );
  }
  const send = async () => {
    if (!action) return;
    setUploadError(null);
    let attachmentId: string | undefined;
    if (action.needsProduct && productFile) {
      try {
        attachmentId = (await uploadAsStaff(agency, view.number, productFile)).id;
      } catch (err) {
        setUploadError(errorText(err));
        return;
      }
    }
    const product = action.needsProduct && (productText.trim() || attachmentId) ? { text: productText.trim() || undefined, attachmentId } : undefined;
    write.mutate(
      { path: 'actions', body: { action: action.code, version: view.version, comment: action.needsProduct ? undefined : comment.trim() || undefined, product, externalReference: reference.trim() || undefined } },
      {
        onSuccess: () => {
          setChosen(null);
          setComment('');
          setProductText('');
          setProductFile(null);
          setReference('');
        },
      },
    );
  };
  return (
    <Card withBorder component="section" aria-labelledby="actions-heading" data-testid="actions">
      <Stack gap="sm">
        <Title order={3} size="h4" id="actions-heading">
          {t('requests.staff.actions')}
        </Title>
        <Stack gap={6}>
          {view.allowedActions.map((a) => (
            <Button key={a.code} variant={chosen === a.code ? 'filled' : 'light'} onClick={() => setChosen(a.code)} styles={{ label: { whiteSpace: 'normal' } }} h="auto" py={6} justify="flex-start">
              {a.label}
            </Button>
          ))}
        </Stack>
        {action && (
          <Stack gap="sm">
            {action.pausesClock && <Text size="sm">{t('requests.staff.pauses')}</Text>}
            {action.escalatesTo && (
              <Text size="sm">
                {t(`requests.staff.escalatesTo.${action.escalatesTo.kind}`, { name: action.escalatesTo.name })}
              </Text>
            )}
            {action.escalatesTo && action.escalatesTo.kind !== 'role' && (
              <TextInput
                label={t('requests.staff.externalReference')}
                description={t(action.escalatesTo.kind === 'system' ? 'requests.staff.referenceSystem' : 'requests.staff.referenceAgency')}
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
                error={errors.externalReference}
              />
            )}
            {/* One box reaches the requester: the answer when the action delivers the product, else the remark. */}
            {action.needsProduct ? (
              <>
                <Textarea label={t('requests.staff.product')} description={t('requests.staff.productPublic')} autosize minRows={3} value={productText} onChange={(e) => setProductText(e.currentTarget.value)} error={errors.product} />
                <FileInput label={t('requests.staff.productFile')} clearable value={productFile} onChange={setProductFile} placeholder={t('requests.form.chooseFile')} />
              </>
            ) : (
              <Textarea label={t('requests.staff.comment')} description={t('requests.staff.commentPublic')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            )}
            {uploadError && <Alert color="red">{uploadError}</Alert>}
            <Button loading={write.isPending} onClick={() => void send()}>
              {t('requests.staff.do', { action: action.label })}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** A reply the requester sees, or a note among officers; canned replies of the service to start from. */
export function NotesPanel({ agency, view, write }: { agency: string; view: RequestView; write: StaffWriter }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const canned = useCannedReplies(agency, view.service.code);
  return (
    <Card withBorder component="section" aria-labelledby="notes-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="notes-heading">
          {t('requests.staff.notes')}
        </Title>
        <SegmentedControl
          value={visibility}
          onChange={(v) => setVisibility(v as 'public' | 'internal')}
          data={[
            { value: 'public', label: t('requests.staff.publicReply') },
            { value: 'internal', label: t('requests.staff.internalNote') },
          ]}
        />
        {canned.data && canned.data.items.length > 0 && (
          <NativeSelect
            label={t('requests.staff.canned')}
            value=""
            onChange={(e) => {
              const c = canned.data.items.find((x) => x.id === e.currentTarget.value);
              if (c) setBody(body ? `${body}\n${c.body}` : c.body);
            }}
            data={[{ value: '', label: t('requests.staff.cannedPick') }, ...canned.data.items.map((c) => ({ value: c.id, label: c.title }))]}
          />
        )}
        <Textarea
          label={visibility === 'public' ? t('requests.staff.publicReply') : t('requests.staff.internalNote')}
          description={visibility === 'public' ? t('requests.staff.publicHint') : t('requests.staff.internalHint')}
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Button disabled={!body.trim()} loading={write.isPending} onClick={() => write.mutate({ path: 'notes', body: { body: body.trim(), visibility } }, { onSuccess: () => setBody('') })}>
          {t('requests.staff.send')}
        </Button>
      </Stack>
    </Card>
  );
}

/** An officer the request may be assigned to (the agency's staff list, when the page may read it). */
export interface StaffOption {
  id: string;
  name: string;
  roles: string[];
  disabled: boolean;
}

/**
 * Who works the request now: take it, or (with requests.assign) hand it to an officer holding the
 * step's role. `staff` is the agency's staff list when the officer may read it.
 */
export function AssignPanel({ view, meId, mayAssign, staff, write }: { view: RequestView; meId: string; mayAssign: boolean; staff: readonly StaffOption[] | undefined; write: StaffWriter }) {
  const { t } = useTranslation();
  const [pick, setPick] = useState('');
  const holders = (staff ?? []).filter((s) => !s.disabled && (view.step.role === null || s.roles.includes(view.step.role)));
  const assignee = staff?.find((s) => s.id === view.assigneeId);
  const step = view.step.role;
  if (view.status === 'closed' || step === null || step === 'requester') return null;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text size="sm">
          {t('requests.staff.assignee')}: <b>{view.assigneeId === meId ? t('requests.staff.you') : (assignee?.name ?? (view.assigneeId ? t('requests.staff.someone') : t('requests.staff.nobody')))}</b> · {t('requests.staff.role', { role: view.step.roleName ?? step })}
        </Text>
        {view.assigneeId !== meId && (
          <Button variant="light" loading={write.isPending} onClick={() => write.mutate({ path: 'claim', body: { version: view.version } })}>
            {t('requests.staff.claim')}
          </Button>
        )}
        {mayAssign && holders.length > 0 && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <NativeSelect label={t('requests.staff.assignTo')} value={pick} onChange={(e) => setPick(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...holders.map((h) => ({ value: h.id, label: h.name }))]} />
            <Button variant="outline" disabled={!pick} onClick={() => write.mutate({ path: 'assign', body: { assigneeId: pick, version: view.version } })}>
              {t('requests.staff.assign')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** An officer uploads a file for the request, for a checklist item or not, confidential or not. */
export function StaffUpload({ agency, view, onDone }: { agency: string; view: RequestView; onDone: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [requirement, setRequirement] = useState('');
  const [confidential, setConfidential] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <FileInput label={t('requests.staff.upload')} clearable value={file} onChange={setFile} placeholder={t('requests.form.chooseFile')} />
        <NativeSelect label={t('requests.staff.forItem')} value={requirement} onChange={(e) => setRequirement(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...view.checklist.filter((c) => c.kind === 'document').map((c) => ({ value: c.code, label: c.label }))]} />
        <Checkbox label={t('requests.track.confidential')} checked={confidential} onChange={(e) => setConfidential(e.currentTarget.checked)} />
        {error && <Alert color="red">{error}</Alert>}
        <Button
          variant="light"
          disabled={!file}
          loading={busy}
          onClick={async () => {
            if (!file) return;
            setBusy(true);
            setError(null);
            try {
              await uploadAsStaff(agency, view.number, file, requirement || undefined, confidential);
              setFile(null);
              onDone();
            } catch (err) {
              setError(errorText(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('requests.staff.uploadButton')}
        </Button>
      </Stack>
    </Card>
  );
}

/** Who asked, for whom, and what: the requester's and organisation's details as filed. */
export function RequesterCard({ view }: { view: RequestView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap={2}>
        <Text fw={600} style={wrap}>
          {view.requester.name} ({t(`standards.requesterType.${view.requester.type}`)})
        </Text>
        {view.organisation.name && <Text size="sm" style={wrap}>{view.organisation.name}</Text>}
        {view.organisation.governmentUnit && <Text size="sm" style={wrap}>{view.organisation.governmentUnit}</Text>}
        <Text size="sm" style={wrap}>
          {[view.requester.email, view.requester.phone, view.requester.nik && `NIK ${view.requester.nik}`, view.organisation.npwp && `NPWP ${formatNpwp(view.organisation.npwp)}`, view.organisation.nib && `NIB ${view.organisation.nib}`].filter(Boolean).join(' · ')}
        </Text>
        {view.eventDate && <Text size="sm">{t('requests.form.eventDate')}: {view.eventDate}</Text>}
        {view.description && <Text size="sm" style={{ whiteSpace: 'pre-wrap', ...wrap }}>{view.description}</Text>}
      </Stack>
    </Card>
  );
}

/** A refused write; a stale version (someone else changed the request) offers to reload it. */
export function WriteError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (error == null) return null;
  return (
    <Alert color="red" role="alert" data-testid="write-error">
      <Stack gap={4} align="flex-start">
        {isConflict(error) ? t('requests.staff.conflict') : errorText(error)}
        {isConflict(error) && (
          <Button size="compact-sm" variant="white" onClick={onReload}>
            {t('requests.staff.reload')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
