import { useId } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'date' | 'password' | 'url' | 'number';
  placeholder?: string;
  mono?: boolean;
}

/** Renders a labelled input, so every field has an accessible name. */
export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  placeholder,
  mono,
}: TextFieldProps) {
  const id = useId();

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        className={mono === true ? 'mono' : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
