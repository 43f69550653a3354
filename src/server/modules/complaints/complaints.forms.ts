/**
 * The complaint form of an agency, read from its standard: channels, the required contents as
 * fields, the limits and the classes; and the check that a complaint has every required content.
 */
import {
  readRequiredContents,
  type ComplaintForm,
  type ContentField,
  type FileComplaintInput,
  type RequiredContents,
} from '../../../shared/contracts/complaints.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { FieldProblem } from '../../../shared/validation.js';
import { fromStandardLimit, hardLimit, limitView, rulesFor } from './complaints.clock.js';
import { problem, type ComplaintsContext } from './complaints.context.js';

type ContentInput = Pick<FileComplaintInput, 'complainant' | 'description' | 'loss' | 'requestedResolution' | 'place' | 'signed' | 'otherContents'>;

function present(field: ContentField, input: ContentInput): boolean {
  switch (field) {
    case 'complainant.name':
      return !!input.complainant.name;
    case 'complainant.address':
      return !!input.complainant.address;
    case 'complainant.contact':
      return !!input.complainant.email || !!input.complainant.phone;
    case 'description':
      return !!input.description;
    case 'loss':
      return !!input.loss;
    case 'requestedResolution':
      return !!input.requestedResolution;
    case 'place':
      return !!input.place;
    case 'signed':
      return input.signed;
  }
}

/** Each required content the input lacks, naming the field and the agency's own sentence. */
export function checkRequiredContents(required: RequiredContents, input: ContentInput, lang: Language): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const { field, requirement } of required.fields) {
    if (!present(field, input)) problems.push(problem(field, 'complaint.content_required', lang, { requirement }));
  }
  for (const sentence of required.others) {
    if (!input.otherContents[sentence]?.trim()) problems.push(problem(`otherContents.${sentence}`, 'complaint.content_required', lang, { requirement: sentence }));
  }
  return problems;
}

export function createForms(ctx: ComplaintsContext) {
  return {
    /** The form of an agency: its channels, required contents read as fields, limits and classes. */
    async getForm({ agencyCode }: { agencyCode: string }): Promise<ComplaintForm> {
      const agency = await ctx.agencyOf(agencyCode);
      const standard = await ctx.standardAt(agency, ctx.clock());
      const rules = standard.agency.complaints;
      const applied = rulesFor(standard.agency, undefined);
      const required = readRequiredContents(rules.requiredContents);
      return {
        agency: { code: agency.code, name: agency.name, timeZone: agency.timeZone },
        channels: rules.channels.map((c) => ({ code: c.code, kind: c.kind, label: c.label, value: c.value ?? null })),
        services: standard.services.map((s) => ({ code: s.code, name: s.name })),
        requiredContents: rules.requiredContents,
        fields: required.fields,
        otherContents: required.others,
        fileWithin: limitView(applied.fileWithin),
        responseLimit: limitView(applied.responseLimit),
        resolutionLimit: limitView(applied.resolutionLimit),
        classes: rules.classes.map((c) => ({ code: c.code, name: c.name, limit: limitView(fromStandardLimit(c.limit))! })),
        hardLimitDays: hardLimit.max,
        rulesText: rules.text ?? null,
      };
    },
  };
}
