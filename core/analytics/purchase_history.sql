-- Purchase history (PRODUCT.md § Forecast, § Loyalty and relationship levels). One row per customer with at
-- least one purchase day up to as_of, over the whole history: a purchase day is a date with a positive line.
with
orders_to_date as not materialized (
    select customer, order_date, amount, date_diff('day', order_date, $as_of) as days_before
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where order_date <= $as_of
),

purchase_days as (
    select distinct customer, order_date, days_before
    from orders_to_date
    where amount > 0
),

purchase_span as (
    select
        customer,
        count(*)::bigint as purchase_days_count,
        min(order_date) as first_purchase_date,
        max(order_date) as last_purchase_date,
        -- periods of $loyalty_period_days counted back from as_of (period 0: days_before 0 to period_days - 1),
        -- from the one holding the first purchase day
        count(distinct days_before // $loyalty_period_days)::bigint as active_periods_count,
        (max(days_before) // $loyalty_period_days + 1)::bigint as periods_count
    from purchase_days
    group by customer
),

net_revenue_to_date as (
    -- returns count on whatever day they happen: the order value is what the customer keeps
    select customer, sum(amount) as net_revenue
    from orders_to_date
    group by customer
)

select
    s.customer,
    s.purchase_days_count - 1 as frequency,
    date_diff('day', s.first_purchase_date, s.last_purchase_date) as recency_days,
    date_diff('day', s.first_purchase_date, $as_of) as age_days,
    n.net_revenue::double / s.purchase_days_count as order_value,
    s.purchase_days_count,
    n.net_revenue,
    s.active_periods_count,
    s.periods_count,
    s.active_periods_count / s.periods_count as purchase_period_share
from purchase_span as s
inner join net_revenue_to_date as n on s.customer = n.customer
order by s.customer
