import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { cn } from './cn';
import { controlClass } from './input';

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(
  ({ className, ...props }, ref) => (
    <textarea ref={ref} data-slot="textarea" className={cn(controlClass, 'min-h-24', className)} {...props} />
  ),
);
Textarea.displayName = 'Textarea';
