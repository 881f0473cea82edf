-- Fastest-growing tail customers (PRODUCT.md § Long tail: potential to move up). One row per tail
-- customer whose net revenue in the last half of the window beats the first half by at least
-- $growth_min_share of it and by at least $growth_min_amount (core/rules.py LongTailRules: growth, not
-- noise), fastest first.
with
tail_customers as (
    select unnest($tail_customers::varchar[]) as customer
),

tail_orders_in_window as (
    select
        orders.customer, orders.customer_name, orders.order_date, orders.amount, orders.source_row,
        date_diff('day', orders.order_date, $as_of) as days_before
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        ) as orders
    inner join tail_customers using (customer)
),

half_window_revenue as (
    select
        customer,
        arg_max(customer_name, (order_date, source_row)) filter (where customer_name is not null) as customer_name,
        -- halves in whole days: 2 * days_before < window_days is the recent half (days 0..182 of 365)
        coalesce(sum(amount) filter (where 2 * days_before >= $window_days), 0) as first_half_revenue,
        coalesce(sum(amount) filter (where 2 * days_before < $window_days), 0) as last_half_revenue
    from tail_orders_in_window
    group by customer
),

growing as (
    select
        *,
        last_half_revenue - first_half_revenue as revenue_change,
        -- no ratio from a first half of 0 or less: those rank after every finite ratio, by change
        last_half_revenue / nullif(greatest(first_half_revenue, 0), 0) as growth_ratio
    from half_window_revenue
    where
        last_half_revenue > first_half_revenue
        and last_half_revenue - first_half_revenue >= $growth_min_amount
        -- a first half of 0 or less has no share to grow by: the amount alone decides
        and last_half_revenue - first_half_revenue
        >= cast($growth_min_share as decimal(18, 4)) * greatest(first_half_revenue, 0)
)

select
    customer,
    customer_name,
    first_half_revenue::double as first_half_revenue,
    last_half_revenue::double as last_half_revenue,
    revenue_change::double as revenue_change,
    (revenue_change * 100)::bigint as revenue_change_cents,
    growth_ratio::double as growth_ratio
from growing
order by growth_ratio desc nulls last, revenue_change desc, customer asc
limit $top_n
