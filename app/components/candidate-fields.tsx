import type { FieldMetadata } from '@conform-to/react';
import { LEVELS } from '~/domain/framework';
import { InputField, SelectField, TextareaField } from './field';

type Meta = FieldMetadata<unknown>;
export type CandidateFieldsMeta = Record<
  'name' | 'relatedMarket' | 'strategicSegment' | 'coMarket' | 'newIndustry' | 'visionAlignment' | 'notes',
  Meta
> & { slug?: Meta };

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const LEVEL_OPTIONS = LEVELS.map((level) => ({ value: level, label: level[0]!.toUpperCase() + level.slice(1) }));

/** The decision framework's questions, as the charter asks them. */
export function CandidateFields({ fields }: { fields: CandidateFieldsMeta }) {
  return (
    <>
      <InputField label="Customer name" meta={fields.name} autoComplete="off" />
      {fields.slug ? <InputField label="Slug (optional: made from the name)" meta={fields.slug} /> : null}
      <SelectField label="In the Strategic market segment?" meta={fields.strategicSegment} options={YES_NO} placeholder="Choose…" />
      <SelectField label="Willingness to co-market" meta={fields.coMarket} options={LEVEL_OPTIONS} placeholder="Choose…" />
      <SelectField label="Opens a new industry for us?" meta={fields.newIndustry} options={YES_NO} placeholder="Choose…" />
      <InputField label="Related market (needed for a new industry)" meta={fields.relatedMarket} />
      <SelectField label="Alignment with Cody’s future vision" meta={fields.visionAlignment} options={LEVEL_OPTIONS} placeholder="Choose…" />
      <TextareaField label="Notes" meta={fields.notes} />
    </>
  );
}
